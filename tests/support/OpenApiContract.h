#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace valijson {
class Schema;
}

namespace tandem::test {

// The gateway's OpenAPI document as a contract: checks that a response (method, path, status, JSON body) is one the
// document describes, and that its body validates against the described schema (valijson, JSON Schema).
class OpenApiContract
{
public:
    explicit OpenApiContract(const QString &documentPath);
    ~OpenApiContract();

    bool isLoaded() const { return !m_document.isEmpty(); }
    // Returns an empty string when the response conforms, otherwise what is wrong.
    QString check(const QByteArray &method, const QString &path, int status, const QByteArray &contentType,
                  const QByteArray &body);

    // Whether a value matches the document's #/components/schemas/<schemaName>; empty when it does.
    QString checkSchema(const QString &schemaName, const QJsonValue &value);
    const QJsonObject &document() const { return m_document; }

    static OpenApiContract &instance();

private:
    QString findTemplate(const QString &path) const;
    QString validate(const QString &pointer, const QJsonValue &value);

    QJsonObject m_document;
    QHash<QString, std::shared_ptr<valijson::Schema>> m_schemas;
};

} // namespace tandem::test
