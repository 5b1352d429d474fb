#pragma once

#include "api/JobSpec.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QFormLayout;
class QGroupBox;
class QLabel;
class QLayout;
class QPushButton;
class QScrollArea;
class QWidget;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// What the Compile and Run forms share, built once: a titled form of rows, each field with the line under it where
// the gateway's error for that field appears; a live preview of the exact command (asked from the gateway,
// debounced, so what is shown is what will run); and the submit button.
class JobFormController : public QObject
{
    Q_OBJECT

public:
    // `title` heads the form, `submitText` is its button, `emptyPreview` shows until the spec is valid.
    JobFormController(GatewayConnection *connection, std::function<api::JobSpec()> spec, const QString &title,
                      const QString &submitText, const QString &emptyPreview, MessageBanner *banner, QWidget *parent);

    // A row whose errors are the API's `field` ("sources", "cores", …), shown on a line under it.
    void addField(const QString &label, QWidget *widget, const QString &field);
    void addField(const QString &label, QLayout *layout, const QString &field);
    // A row without a field of its own.
    void addRow(const QString &label, QWidget *widget);
    void addRow(const QString &label, QLayout *layout);
    // Ends the form with the command preview and the submit button; the form, scrolling rather than clipping.
    QScrollArea *finish();
    QPushButton *submitButton() const { return m_submit; }
    QLabel *preview() const { return m_preview; }
    void schedulePreview();
    void submit();
    QString fieldError(const QString &field) const;
    // A message under a field that stays whatever the preview says (the system does not take jobs now, and why);
    // empty to clear it.
    void setStandingError(const QString &field, const QString &message);
    bool previewValid() const { return m_previewValid; }

Q_SIGNALS:
    void submitted(const QJsonObject &job); // the job as the gateway answered
    void previewUpdated();

private:
    void requestPreview();
    void addErrorLine(const QString &field);
    void showErrors(const QString &field, const QString &message);
    QHash<QString, QString> m_standing;

    GatewayConnection *m_connection;
    std::function<api::JobSpec()> m_spec;
    QGroupBox *m_box;
    QFormLayout *m_layout;
    QLabel *m_preview;
    QPushButton *m_submit;
    MessageBanner *m_banner;
    QHash<QString, QLabel *> m_errorLabels;
    QTimer m_debounce;
    int m_previewGeneration = 0;
    bool m_previewValid = false;
    bool m_submitting = false;
    bool m_attempted = false;
};

} // namespace tandem
