#pragma once

#include "api/JobSpec.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace tandem {

class TemplateBar;

class GatewayConnection;
class HomeFileList;
class JobFormController;
class MessageBanner;
class SystemDirectory;

// The Run form: system, launcher, queue (its limits bound the spin boxes), nodes, cores, time limit, the program
// (a finished compile job's output or any file of the home), arguments, input files, modules, quick or batch — and
// the exact command before it runs.
class RunTab : public QWidget
{
    Q_OBJECT

public:
    RunTab(GatewayConnection *connection, SystemDirectory *systems, QWidget *parent = nullptr);

    JobFormController *form() const { return m_form; }
    api::JobSpec spec() const;
    void prefill(const api::JobSpec &spec);
    // Offers the outputs of finished compile jobs as programs to run; called when the history changes.
    void refreshCompiledPrograms();

    QComboBox *systemBox() const { return m_system; }
    QComboBox *launcherBox() const { return m_launcher; }
    QComboBox *queueBox() const { return m_queue; }
    QSpinBox *coresBox() const { return m_cores; }
    QSpinBox *nodesBox() const { return m_nodes; }
    QSpinBox *minutesBox() const { return m_minutes; }
    QLineEdit *executableEdit() const { return m_executable; }
    QComboBox *compiledBox() const { return m_compiled; }
    QLineEdit *argumentsEdit() const { return m_arguments; }
    QLineEdit *arrayEdit() const { return m_array; }
    QRadioButton *quickButton() const { return m_quick; }
    QPushButton *submitButton() const;
    TemplateBar *templateBar() const { return m_templates; }
    QLabel *preview() const;

Q_SIGNALS:
    void submitted(const QJsonObject &job);

private:
    void onSystemsLoaded();
    void onSystemChanged();
    void onQueueChanged();

    GatewayConnection *m_connection;
    SystemDirectory *m_systems;
    MessageBanner *m_banner;
    QComboBox *m_system;
    QComboBox *m_launcher;
    QComboBox *m_queue;
    QLabel *m_queueLimits;
    QSpinBox *m_nodes;
    QSpinBox *m_cores;
    QSpinBox *m_minutes;
    QComboBox *m_compiled;
    QLineEdit *m_executable;
    QLineEdit *m_arguments;
    HomeFileList *m_inputs;
    QListWidget *m_modules;
    QRadioButton *m_quick;
    QRadioButton *m_batch;
    JobFormController *m_form;
    std::optional<api::JobSpec> m_pendingPrefill; // until the systems are loaded
    TemplateBar *m_templates = nullptr;
    QLineEdit *m_array = nullptr;
};

} // namespace tandem
