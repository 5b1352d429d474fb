#include "api/ErrorCode.h"

#include <QHash>

namespace tandem::api {

namespace {

struct Row
{
    ErrorCode code;
    QLatin1StringView name;
    Error::Kind kind;
};

constexpr Row rows[] = {
#define TANDEM_ERROR_CODE_ROW(name, wire, kind) {ErrorCode::name, QLatin1StringView(wire), Error::Kind::kind},
    TANDEM_ERROR_CODES(TANDEM_ERROR_CODE_ROW)
#undef TANDEM_ERROR_CODE_ROW
};

const Row &rowOf(ErrorCode code)
{
    return rows[qsizetype(code)];
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    return rowOf(code).name;
}

std::optional<ErrorCode> errorCodeFromString(QStringView text)
{
    static const QHash<QString, ErrorCode> byName = [] {
        QHash<QString, ErrorCode> names;
        for (const Row &row : rows)
            names.insert(row.name, row.code);
        return names;
    }();
    const auto it = byName.constFind(text.toString());
    return it == byName.cend() ? std::nullopt : std::optional<ErrorCode>(*it);
}

QList<ErrorCode> allErrorCodes()
{
    QList<ErrorCode> codes;
    for (const Row &row : rows)
        codes << row.code;
    return codes;
}

Error::Kind errorCodeKind(ErrorCode code)
{
    return rowOf(code).kind;
}

} // namespace tandem::api

namespace tandem {

// Error's constructors by code live here, with the table they read.
Error Error::make(api::ErrorCode code, const QString &message, const QString &field)
{
    return {api::errorCodeKind(code), api::errorCodeName(code), message, field};
}

bool Error::is(api::ErrorCode code) const
{
    return this->code == api::errorCodeName(code);
}

Error Error::notFound(const QString &message)
{
    return make(api::ErrorCode::NotFound, message);
}

Error Error::internal(const QString &message)
{
    return make(api::ErrorCode::Internal, message);
}

} // namespace tandem
