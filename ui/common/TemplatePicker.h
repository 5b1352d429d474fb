#pragma once

#include "api/Template.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// The Templates picker of the Compile and Run tabs: the exercises the class has of that kind, each with its text,
// author, version and files. Using one copies its files into the home (asking before it copies over any) and hands
// the request back, its paths pointing at the copies, for the form to be filled with.
class TemplatePicker : public QDialog
{
    Q_OBJECT

public:
    TemplatePicker(GatewayConnection *connection, api::JobSpec::Type kind, QWidget *parent = nullptr);

    QListWidget *templates() const { return m_list; }
    QLabel *details() const { return m_details; }
    QPushButton *useButton() const { return m_use; }
    QLabel *status() const { return m_status; }
    void use(); // the selected one; asks (Dialogs) before copying over files

    // Asks for a title and a text (Dialogs), then publishes `spec` with `files` (paths in the home) to the class.
    static void publish(QWidget *parent, GatewayConnection *connection, const api::JobSpec &spec,
                        const QStringList &files, MessageBanner *banner);

Q_SIGNALS:
    void loaded();
    void applied(const tandem::api::JobSpec &spec, const QString &folder, const QStringList &copied);

private:
    void copy(const api::Template &chosen, bool overwrite);
    void showSelected();

    GatewayConnection *m_connection;
    api::JobSpec::Type m_kind;
    QList<api::Template> m_templates;
    QListWidget *m_list;
    QLabel *m_details;
    QLabel *m_status;
    QPushButton *m_use;
};

// The Compile and Run tabs' row for templates: "Templates…" opens the picker and fills the form with the chosen
// one; "Publish as template…" (instructors and admins) hands the form's request and files to the class.
class TemplateBar : public QWidget
{
    Q_OBJECT

public:
    struct Form
    {
        std::function<api::JobSpec()> spec;
        std::function<QStringList()> files; // the request's files in the home
        std::function<void(const api::JobSpec &)> prefill;
    };
    TemplateBar(GatewayConnection *connection, api::JobSpec::Type kind, MessageBanner *banner, Form form,
                QWidget *parent = nullptr);

    void setCanPublish(bool can);
    QPushButton *templatesButton() const { return m_templates; }
    QPushButton *publishButton() const { return m_publish; }
    TemplatePicker *picker() const { return m_picker; } // the one open, if any

private:
    GatewayConnection *m_connection;
    api::JobSpec::Type m_kind;
    MessageBanner *m_banner;
    Form m_form;
    QPushButton *m_templates;
    QPushButton *m_publish;
    QPointer<TemplatePicker> m_picker;
};

} // namespace tandem
