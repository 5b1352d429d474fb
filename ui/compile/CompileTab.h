#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QLabel;

namespace tandem {

class CodeViewer;
class MessageBanner;

// The Compile form: system, programming model → compiler preset, sources from the user's storage, output name,
// modules, and a live preview of the exact command; the selected source opens in the code viewer beside it.
class CompileTab : public QWidget
{
    Q_OBJECT

public:
    explicit CompileTab(QWidget *parent = nullptr);

    CodeViewer *codeViewer() const { return m_viewer; }

private:
    MessageBanner *m_banner;
    QComboBox *m_system;
    QComboBox *m_model;
    QLineEdit *m_flags;
    QListWidget *m_sources;
    QLineEdit *m_output;
    QLineEdit *m_modules;
    QLabel *m_preview;
    QPushButton *m_submit;
    CodeViewer *m_viewer;
};

} // namespace tandem
