#pragma once

#include "api/JobSpec.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace tandem {

class TemplateBar;

class CodeViewer;
class GatewayConnection;
class HomeFileList;
class JobFormController;
class MessageBanner;
class SystemDirectory;

// The Compile form: system, programming model → the system's compiler preset, flags, sources and other files from
// the user's home, output name, modules, and the exact command before it runs. The selected source opens in the
// code viewer beside the form.
class CompileTab : public QWidget
{
    Q_OBJECT

public:
    CompileTab(GatewayConnection *connection, SystemDirectory *systems, QWidget *parent = nullptr);

    CodeViewer *codeViewer() const { return m_viewer; }
    JobFormController *form() const { return m_form; }
    api::JobSpec spec() const;
    // Fills the form from an earlier job's request (resubmit with changes).
    void prefill(const api::JobSpec &spec);
    // Opens a file of the home in the viewer, at a line (compiler diagnostics jump here).
    void openSource(const QString &path, int line = 0);

    QComboBox *systemBox() const { return m_system; }
    QComboBox *modelBox() const { return m_model; }
    QLineEdit *flagsEdit() const { return m_flags; }
    QLineEdit *librariesEdit() const { return m_libraries; }
    TemplateBar *templateBar() const { return m_templates; }
    QLineEdit *outputEdit() const { return m_output; }
    HomeFileList *sources() const { return m_sources; }
    QPushButton *submitButton() const;
    QLabel *preview() const;

Q_SIGNALS:
    void submitted(const QJsonObject &job);

private:
    void onSystemsLoaded();
    void onSystemChanged();

    GatewayConnection *m_connection;
    SystemDirectory *m_systems;
    MessageBanner *m_banner;
    QComboBox *m_system;
    QComboBox *m_model;
    QLineEdit *m_flags;
    HomeFileList *m_sources;
    HomeFileList *m_extra;
    QLineEdit *m_libraries;
    TemplateBar *m_templates = nullptr;
    QLineEdit *m_output;
    QListWidget *m_modules;
    CodeViewer *m_viewer;
    QLabel *m_viewerTitle;
    JobFormController *m_form;
    std::optional<api::JobSpec> m_pendingPrefill; // until the systems are loaded
    int m_openGeneration = 0;
};

} // namespace tandem
