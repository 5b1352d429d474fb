#pragma once

#include <QHash>
#include <QObject>

#include <functional>

namespace tandem {

// Keeps sign-in tokens in the operating system's keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager) through QtKeychain. Where no keychain service runs, tokens live in memory only and
// `persistent()` turns false, so the UI can say that the next start will ask to sign in again. Never plain files.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    explicit TokenStore(QObject *parent = nullptr);

    // Asynchronous: `done` gets the token, or an empty one when none is stored.
    void read(const QString &profile, std::function<void(const QByteArray &token)> done);
    void write(const QString &profile, const QByteArray &token);
    void remove(const QString &profile);
    bool persistent() const { return m_persistent; }
    QString lastProblem() const { return m_problem; }

Q_SIGNALS:
    void persistenceChanged(bool persistent);

private:
    void fallBack(const QString &problem);

    QHash<QString, QByteArray> m_memory;
    bool m_persistent = true;
    QString m_problem;
};

} // namespace tandem
