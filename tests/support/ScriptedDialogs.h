#pragma once

#include "common/Dialogs.h"

#include <QAbstractButton>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QWidget>

namespace tandem::test {

// Answers the desktop's modal questions from a script while installed: each question takes the next answer (an
// empty one cancels) and is recorded by its title, so a test drives every path behind a dialog, the cancelled one
// included, and checks what was asked.
class ScriptedDialogs : public Dialogs
{
public:
    ScriptedDialogs() { Dialogs::install(this); }
    ~ScriptedDialogs() override { Dialogs::install(nullptr); }

    // The next answer: file names (openFileNames), a path (save, folder, text), or a bool (confirm).
    void answer(const QVariant &next) { m_answers.append(next); }
    const QStringList &asked() const { return m_asked; }
    int unanswered() const { return int(m_answers.size()); }

    QStringList openFileNames(QWidget *, const QString &caption, const QString &, const QString &) override
    {
        return take(caption).toStringList();
    }
    QString saveFileName(QWidget *, const QString &caption, const QString &) override
    {
        return take(caption).toString();
    }
    QString existingDirectory(QWidget *, const QString &caption) override { return take(caption).toString(); }
    bool confirm(QWidget *, const QString &title, const QString &) override { return take(title).toBool(); }
    std::optional<QString> text(QWidget *, const QString &title, const QString &, const QString &) override
    {
        const QVariant answer = take(title);
        return answer.isNull() ? std::nullopt : std::optional<QString>(answer.toString());
    }
    void about(QWidget *, const QString &title, const QString &) override { m_asked << title; }

private:
    QVariant take(const QString &title)
    {
        m_asked << title;
        return m_answers.isEmpty() ? QVariant() : m_answers.takeFirst();
    }

    QList<QVariant> m_answers;
    QStringList m_asked;
};

// The push button under `parent` with this text, or null.
template<typename Button = QAbstractButton> Button *buttonNamed(QWidget *parent, const QString &text)
{
    for (Button *button : parent->findChildren<Button *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

} // namespace tandem::test
