#pragma once

#include "Error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace tandem::gateway {

// The gateway's database: SQLite in WAL mode by default, versioned migrations, portable SQL so that PostgreSQL can
// slot in. One connection, used from the gateway's thread.
class Store
{
public:
    Store() = default;
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    Result<void> open(const QString &path);
    void close();
    int schemaVersion() const;

    QSqlDatabase &database() { return m_db; }
    // A prepared query; binds positional values in order.
    QSqlQuery prepare(const QString &sql, const QVariantList &values = {});
    // Runs a prepared statement; on failure returns an internal error carrying the driver's message.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {});

    bool transaction() { return m_db.transaction(); }
    bool commit() { return m_db.commit(); }
    void rollback() { m_db.rollback(); }

private:
    Result<void> migrate();

    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace tandem::gateway
