#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QLabel;
class QPushButton;
class QRadioButton;

namespace tandem {

class MessageBanner;

// The Run form: system, launcher, queue with its limits, nodes, cores, time limit, executable, arguments, input
// files, modules, quick or batch — and the exact command before it runs.
class RunTab : public QWidget
{
    Q_OBJECT

public:
    explicit RunTab(QWidget *parent = nullptr);

private:
    MessageBanner *m_banner;
    QComboBox *m_system;
    QComboBox *m_launcher;
    QComboBox *m_queue;
    QSpinBox *m_nodes;
    QSpinBox *m_cores;
    QSpinBox *m_minutes;
    QLineEdit *m_executable;
    QLineEdit *m_arguments;
    QLineEdit *m_modules;
    QRadioButton *m_quick;
    QRadioButton *m_batch;
    QLabel *m_preview;
    QPushButton *m_submit;
};

} // namespace tandem
