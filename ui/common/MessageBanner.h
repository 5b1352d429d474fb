#pragma once

#include <QFrame>

class QLabel;

namespace tandem {

// An inline message above the content it concerns, instead of a modal box: information, warning or error.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Level { Information, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Level level, const QString &text);
    QString text() const;
    Level level() const { return m_level; }

private:
    QLabel *m_icon;
    QLabel *m_label;
    Level m_level = Level::Information;
};

} // namespace tandem
