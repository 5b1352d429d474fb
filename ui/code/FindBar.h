#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace tandem {

class CodeViewer;

// Find in a code viewer: Ctrl+F shows it, Enter finds the next match, Shift+Enter the previous, Escape hides it.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(CodeViewer *viewer, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QLabel *status() const { return m_status; }
    void findNext(bool backwards = false);

private:
    CodeViewer *m_viewer;
    QLineEdit *m_edit;
    QLabel *m_status;
};

} // namespace tandem
