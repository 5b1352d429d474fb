#pragma once

#include <QWidget>

namespace tandem {

class CodeViewer;

// What Tandem is and how to start, with the bundled sample program in the code viewer.
class HelpTab : public QWidget
{
    Q_OBJECT

public:
    explicit HelpTab(QWidget *parent = nullptr);

    CodeViewer *codeViewer() const { return m_viewer; }

private:
    CodeViewer *m_viewer;
};

} // namespace tandem
