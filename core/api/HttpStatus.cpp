#include "api/HttpStatus.h"

#include <utility>

namespace tandem::api {

namespace {

constexpr std::pair<Error::Kind, int> Table[] = {
    {Error::Kind::BadRequest, 400}, {Error::Kind::Unauthorized, 401}, {Error::Kind::Forbidden, 403},
    {Error::Kind::NotFound, 404},   {Error::Kind::Conflict, 409},     {Error::Kind::Gone, 410},
    {Error::Kind::TooLarge, 413},   {Error::Kind::TooMany, 429},      {Error::Kind::Unavailable, 503},
    {Error::Kind::Internal, 500},
};

} // namespace

int httpStatus(Error::Kind kind)
{
    for (const auto &[k, status] : Table) {
        if (k == kind)
            return status;
    }
    return 500;
}

Error::Kind errorKind(int httpStatus)
{
    // Statuses with a meaning of their own that the desktop reads as a kind: a Range no file has, and those the
    // gateway's connection guard answers with before any route (bad input, or try again).
    switch (httpStatus) {
    case 411:
    case 416:
    case 422:
    case 431:
        return Error::Kind::BadRequest;
    case 408:
        return Error::Kind::Unavailable;
    default:
        break;
    }
    for (const auto &[kind, status] : Table) {
        if (status == httpStatus)
            return kind;
    }
    return Error::Kind::Internal;
}

} // namespace tandem::api
