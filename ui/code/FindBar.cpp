#include "code/FindBar.h"

#include "code/CodeViewer.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QToolButton>

namespace tandem {

FindBar::FindBar(CodeViewer *viewer, QWidget *parent)
    : QWidget(parent)
    , m_viewer(viewer)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    m_edit->setPlaceholderText(tr("Find in this file"));
    m_edit->setClearButtonEnabled(true);
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_status);
    hide();

    connect(viewer, &CodeViewer::findRequested, this, [this] {
        show();
        m_edit->setFocus();
        m_edit->selectAll();
    });
    connect(m_edit, &QLineEdit::returnPressed, this,
            [this] { findNext(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_edit, &QLineEdit::textEdited, this, [this] { findNext(); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(true); });
    auto *close = new QShortcut(QKeySequence::Cancel, this, this, &QWidget::hide, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(close);
}

void FindBar::findNext(bool backwards)
{
    const bool found = m_viewer->findText(m_edit->text(), backwards);
    m_status->setText(found || m_edit->text().isEmpty() ? QString() : tr("Not found"));
}

} // namespace tandem
