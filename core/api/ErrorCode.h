#pragma once

#include "Error.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace tandem::api {

// Every code an Error carries, with the kind (and so the HTTP status) it always has. TANDEM_ERROR_CODES is the one
// table; ErrorCode, its wire names and errorCodeKind() are generated from it.
#define TANDEM_ERROR_CODES(X)                                                                                          \
    X(ArchiveLink, "archive_link", BadRequest)                                                                         \
    X(BodyTooLarge, "body_too_large", TooLarge)                                                                        \
    X(Busy, "busy", Unavailable)                                                                                       \
    X(ConfigInvalid, "config_invalid", BadRequest)                                                                     \
    X(ConfigUnreadable, "config_unreadable", BadRequest)                                                               \
    X(Deleted, "deleted", Gone)                                                                                        \
    X(DuplicateName, "duplicate_name", BadRequest)                                                                     \
    X(Exists, "exists", Conflict)                                                                                      \
    X(Expired, "expired", Gone)                                                                                        \
    X(FileNotFound, "file_not_found", BadRequest)                                                                      \
    X(Forbidden, "forbidden", Forbidden)                                                                               \
    X(HeadersTooLarge, "headers_too_large", BadRequest)                                                                \
    X(InsecureListen, "insecure_listen", BadRequest)                                                                   \
    X(Internal, "internal", Internal)                                                                                  \
    X(InvalidArchive, "invalid_archive", BadRequest)                                                                   \
    X(InvalidCredentials, "invalid_credentials", Unauthorized)                                                         \
    X(InvalidFlag, "invalid_flag", BadRequest)                                                                         \
    X(InvalidGroup, "invalid_group", BadRequest)                                                                       \
    X(InvalidKey, "invalid_key", BadRequest)                                                                           \
    X(InvalidListen, "invalid_listen", BadRequest)                                                                     \
    X(InvalidName, "invalid_name", BadRequest)                                                                         \
    X(InvalidPath, "invalid_path", BadRequest)                                                                         \
    X(InvalidRow, "invalid_row", BadRequest)                                                                           \
    X(InvalidSelection, "invalid_selection", BadRequest)                                                               \
    X(InvalidSystem, "invalid_system", BadRequest)                                                                     \
    X(InvalidType, "invalid_type", BadRequest)                                                                         \
    X(InvalidValue, "invalid_value", BadRequest)                                                                       \
    X(InvalidView, "invalid_view", BadRequest)                                                                         \
    X(IsDirectory, "is_directory", BadRequest)                                                                         \
    X(JobActive, "job_active", Conflict)                                                                               \
    X(JobEnding, "job_ending", Conflict)                                                                               \
    X(JobFinal, "job_final", Conflict)                                                                                 \
    X(LengthRequired, "length_required", BadRequest)                                                                   \
    X(LinkRefused, "link_refused", BadRequest)                                                                         \
    X(ListenFailed, "listen_failed", Unavailable)                                                                      \
    X(MalformedJson, "malformed_json", BadRequest)                                                                     \
    X(MalformedRequest, "malformed_request", BadRequest)                                                               \
    X(Network, "network", Unavailable)                                                                                 \
    X(NoSpace, "no_space", TooLarge)                                                                                   \
    X(NotADirectory, "not_a_directory", BadRequest)                                                                    \
    X(NotAFile, "not_a_file", BadRequest)                                                                              \
    X(NotFound, "not_found", NotFound)                                                                                 \
    X(NotOwner, "not_owner", Forbidden)                                                                                \
    X(OutOfRange, "out_of_range", BadRequest)                                                                          \
    X(PermissionDenied, "permission_denied", Forbidden)                                                                \
    X(QuotaExceeded, "quota_exceeded", TooLarge)                                                                       \
    X(RangeNotSatisfiable, "range_not_satisfiable", BadRequest)                                                        \
    X(RequestTimeout, "request_timeout", Unavailable)                                                                  \
    X(Required, "required", BadRequest)                                                                                \
    X(SandboxUnavailable, "sandbox_unavailable", Unavailable)                                                          \
    X(SessionEnding, "session_ending", Conflict)                                                                       \
    X(SessionLimit, "session_limit", TooMany)                                                                          \
    X(SessionStarting, "session_starting", Conflict)                                                                   \
    X(ShellString, "shell_string", BadRequest)                                                                         \
    X(SystemUnavailable, "system_unavailable", Unavailable)                                                            \
    X(Throttled, "throttled", TooMany)                                                                                 \
    X(Timeout, "timeout", Unavailable)                                                                                 \
    X(TlsInvalid, "tls_invalid", BadRequest)                                                                           \
    X(TlsUnreadable, "tls_unreadable", BadRequest)                                                                     \
    X(TooMany, "too_many", BadRequest)                                                                                 \
    X(TooManyConnections, "too_many_connections", Unavailable)                                                         \
    X(TooManyFiles, "too_many_files", TooLarge)                                                                        \
    X(TooManyJobs, "too_many_jobs", TooMany)                                                                           \
    X(TooManyStreams, "too_many_streams", TooMany)                                                                     \
    X(TooManyUploads, "too_many_uploads", TooMany)                                                                     \
    X(Unauthorized, "unauthorized", Unauthorized)                                                                      \
    X(UnknownCompiler, "unknown_compiler", BadRequest)                                                                 \
    X(UnknownField, "unknown_field", BadRequest)                                                                       \
    X(UnknownLauncher, "unknown_launcher", BadRequest)                                                                 \
    X(UnknownModule, "unknown_module", BadRequest)                                                                     \
    X(UnknownPreset, "unknown_preset", BadRequest)                                                                     \
    X(UnknownQueue, "unknown_queue", BadRequest)                                                                       \
    X(UnknownSystem, "unknown_system", BadRequest)                                                                     \
    X(Unreadable, "unreadable", BadRequest)                                                                            \
    X(UpgradeRefused, "upgrade_refused", BadRequest)                                                                   \
    X(UserExists, "user_exists", Conflict)

enum class ErrorCode {
#define TANDEM_ERROR_CODE_ENUM(name, wire, kind) name,
    TANDEM_ERROR_CODES(TANDEM_ERROR_CODE_ENUM)
#undef TANDEM_ERROR_CODE_ENUM
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromString(QStringView text);
QList<ErrorCode> allErrorCodes();
Error::Kind errorCodeKind(ErrorCode code);

} // namespace tandem::api
