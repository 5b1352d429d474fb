#include "code/CodeViewer.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QShortcut>
#include <QTextBlock>

namespace tandem {

namespace {

KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

} // namespace

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(CodeViewer *viewer)
        : QWidget(viewer)
        , m_viewer(viewer)
    { }

    QSize sizeHint() const override { return {m_viewer->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_viewer->paintLineNumbers(event); }

private:
    CodeViewer *m_viewer;
};

CodeViewer::CodeViewer(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
    , m_lineNumberArea(new LineNumberArea(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeViewer::updateLineNumberArea);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    applyTheme();
    auto *find
        = new QShortcut(QKeySequence::Find, this, this, &CodeViewer::findRequested, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(find);
}

void CodeViewer::setCode(const QString &fileName, const QString &text)
{
    m_highlighter->setDefinition(repository().definitionForFileName(fileName));
    setPlainText(text);
}

QString CodeViewer::definitionName() const
{
    return m_highlighter->definition().name();
}

bool CodeViewer::findText(const QString &text, bool backwards)
{
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (find(text, flags))
        return true;
    // Wrap around once.
    QTextCursor restart(document());
    if (backwards)
        restart.movePosition(QTextCursor::End);
    const QTextCursor previous = textCursor();
    setTextCursor(restart);
    if (find(text, flags))
        return true;
    setTextCursor(previous);
    return false;
}

void CodeViewer::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(0, line - 1));
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
}

int CodeViewer::lineNumberAreaWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    return 12 + fontMetrics().horizontalAdvance(u'9') * qMax(3, digits);
}

void CodeViewer::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumberArea->setGeometry(QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void CodeViewer::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void CodeViewer::applyTheme()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const auto theme = repository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                      : KSyntaxHighlighting::Repository::LightTheme);
    if (theme.name() == m_highlighter->theme().name())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
}

void CodeViewer::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
}

void CodeViewer::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible())
            painter.drawText(0, top, m_lineNumberArea->width() - 6, lineHeight, Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        top += qRound(blockBoundingRect(block).height());
        block = block.next();
    }
}

} // namespace tandem
