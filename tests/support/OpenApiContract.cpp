#include "OpenApiContract.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace tandem::test {

namespace {

QString pointerEscape(QString token)
{
    return token.replace(u'~', QStringLiteral("~0")).replace(u'/', QStringLiteral("~1"));
}

} // namespace

OpenApiContract::OpenApiContract(const QString &documentPath)
{
    QFile file(documentPath);
    if (file.open(QIODevice::ReadOnly))
        m_document = QJsonDocument::fromJson(file.readAll()).object();
}

OpenApiContract::~OpenApiContract() = default;

OpenApiContract &OpenApiContract::instance()
{
    static OpenApiContract contract(QStringLiteral(TANDEM_SOURCE_DIR)
                                    + QStringLiteral("/core/gateway/api/openapi.json"));
    return contract;
}

QString OpenApiContract::findTemplate(const QString &path) const
{
    // Exact paths first, then templates: {path} spans one or more segments, any other {x} exactly one.
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    if (paths.contains(path))
        return path;
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        if (!it.key().contains(u'{'))
            continue;
        QString pattern = QRegularExpression::escape(it.key());
        pattern.replace(QStringLiteral("\\{path\\}"), QStringLiteral(".+"));
        pattern.replace(QRegularExpression(QStringLiteral("\\\\\\{[a-z]+\\\\\\}")), QStringLiteral("[^/]+"));
        if (QRegularExpression(u'^' + pattern + u'$').match(path).hasMatch())
            return it.key();
    }
    return {};
}

QString OpenApiContract::check(const QByteArray &method, const QString &path, int status, const QByteArray &contentType,
                               const QByteArray &body)
{
    if (!isLoaded())
        return QStringLiteral("the OpenAPI document could not be read");
    const QString pathTemplate = findTemplate(path);
    if (pathTemplate.isEmpty())
        return QStringLiteral("%1 %2 is not in the OpenAPI document").arg(QString::fromLatin1(method), path);
    const QString verb = QString::fromLatin1(method).toLower();
    const QJsonObject operation
        = m_document.value(QStringLiteral("paths")).toObject().value(pathTemplate).toObject().value(verb).toObject();
    if (operation.isEmpty())
        return QStringLiteral("%1 %2 is not documented").arg(QString::fromLatin1(method), pathTemplate);
    const QJsonObject response
        = operation.value(QStringLiteral("responses")).toObject().value(QString::number(status)).toObject();
    if (response.isEmpty())
        return QStringLiteral("%1 %2 answered %3, which the document does not list")
            .arg(QString::fromLatin1(method), pathTemplate)
            .arg(status);
    if (!contentType.startsWith("application/json"))
        return {}; // only JSON bodies have schemas to check
    if (!response.value(QStringLiteral("content")).toObject().contains(QStringLiteral("application/json")))
        return QStringLiteral("%1 %2 %3 answered JSON, but the document describes no JSON body")
            .arg(QString::fromLatin1(method), pathTemplate)
            .arg(status);

    const QString pointer = QStringLiteral("#/paths/%1/%2/responses/%3/content/application~1json/schema")
                                .arg(pointerEscape(pathTemplate), verb)
                                .arg(status);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("the body is not JSON: %1").arg(parseError.errorString());
    const QJsonValue value = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const QString problems = validate(pointer, value);
    if (problems.isEmpty())
        return {};
    return QStringLiteral("%1 %2 %3 does not match its schema: %4")
        .arg(QString::fromLatin1(method), pathTemplate)
        .arg(status)
        .arg(problems);
}

QString OpenApiContract::checkSchema(const QString &schemaName, const QJsonValue &value)
{
    if (!m_document[u"components"][u"schemas"].toObject().contains(schemaName))
        return QStringLiteral("the document has no schema %1").arg(schemaName);
    const QString problems = validate(QStringLiteral("#/components/schemas/") + schemaName, value);
    return problems.isEmpty() ? QString() : schemaName + QStringLiteral(": ") + problems;
}

QString OpenApiContract::validate(const QString &pointer, const QJsonValue &value)
{
    std::shared_ptr<valijson::Schema> &schema = m_schemas[pointer];
    if (!schema) {
        // Validate against the whole document with a root $ref, so that #/components/... references resolve.
        QJsonObject root = m_document;
        root.insert(QStringLiteral("$ref"), pointer);
        schema = std::make_shared<valijson::Schema>();
        valijson::SchemaParser parser;
        const QJsonValue rootValue(root);
        valijson::adapters::QtJsonAdapter adapter(rootValue);
        try {
            parser.populateSchema(adapter, *schema);
        } catch (const std::exception &e) {
            schema.reset();
            return QStringLiteral("cannot parse the schema at %1: %2").arg(pointer, QString::fromUtf8(e.what()));
        }
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::QtJsonAdapter target(value);
    if (validator.validate(*schema, target, &results))
        return {};
    QStringList problems;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        QStringList context;
        for (const std::string &part : error.context)
            context << QString::fromStdString(part);
        problems << context.join(QString()) + QStringLiteral(": ") + QString::fromStdString(error.description);
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace tandem::test
