#pragma once

#include "api/JobSpec.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QLabel;
class QPushButton;
class QWidget;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// What the Compile and Run forms share: a live preview of the exact command (asked from the gateway, debounced, so
// what is shown is what will run), submission, and server field errors shown next to the field they name.
class JobFormController : public QObject
{
    Q_OBJECT

public:
    JobFormController(GatewayConnection *connection, std::function<api::JobSpec()> spec, QLabel *preview,
                      QPushButton *submit, MessageBanner *banner, QObject *parent = nullptr);

    // The label under the widget that shows errors for `field` ("sources", "cores", …).
    void addField(const QString &field, QLabel *errorLabel);
    void schedulePreview();
    void submit();
    QString fieldError(const QString &field) const;
    bool previewValid() const { return m_previewValid; }

Q_SIGNALS:
    void submitted(const QJsonObject &job); // the job as the gateway answered
    void previewUpdated();

private:
    void requestPreview();
    void showErrors(const QString &field, const QString &message);

    GatewayConnection *m_connection;
    std::function<api::JobSpec()> m_spec;
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
