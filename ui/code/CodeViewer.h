#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace tandem {

// A read-only source viewer: KSyntaxHighlighting picks the definition from the file name, the theme follows the
// light or dark palette, and a gutter shows line numbers.
class CodeViewer : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeViewer(QWidget *parent = nullptr);

    void setCode(const QString &fileName, const QString &text);
    QString definitionName() const;
    void goToLine(int line);
    // Finds the next (or previous) occurrence from the cursor, wrapping around; selects it. Case-insensitive.
    bool findText(const QString &text, bool backwards = false);
    int lineNumberAreaWidth() const;

Q_SIGNALS:
    void findRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberArea(const QRect &rect, int dy);
    void applyTheme();

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QWidget *m_lineNumberArea;
};

} // namespace tandem
