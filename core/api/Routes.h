#pragma once

#include <QString>
#include <QStringView>

namespace tandem::api::routes {

// Every path the desktop asks the gateway for, relative to its base URL, in one place. TestApi checks each against
// the paths openapi.json describes.
QString health();
QString token(); // POST signs in, DELETE signs out
QString renew();
QString me();
QString systems();
QString users();
QString usersImport(); // a class list: checked (preview) or created
QString templates();
QString templateCopy(qint64 id);
QString classOf(const QString &group = {}); // a class (group) and its members; empty: the caller's own
QString events();
QString jobs();
QString jobsQuery(const QString &query); // "jobs?…", the query already encoded
QString jobPreview();
QString job(qint64 id);
QString jobHistory(qint64 id);
QString jobFiles(qint64 id);
QString jobFile(qint64 id, const QString &name); // the name is percent-encoded here
QString jobOutput(qint64 id, QStringView stream, qint64 offset); // stream: stdout or stderr
QString jobArchive(qint64 id);
QString jobCancel(qint64 id);
QString jobResubmit(qint64 id);
QString files(const QString &path = {}); // a path in the user's home; each segment is percent-encoded
QString extractInto(const QString &folder); // an archive unpacked into a folder of the home
QString sessions();
QString session(qint64 id);
QString sessionKey(qint64 id);
QString sessionsStop();

} // namespace tandem::api::routes

// The paths as the gateway matches them and the routes above are built from, as openapi.json writes them (without
// the leading slash): {id} is a number, {path} the rest of the path, any other {name} one segment. The gateway's
// routes are rows of these.
namespace tandem::api::patterns {

inline constexpr QLatin1StringView ApiRoot{"api/v1"}; // every path below it needs a token
inline constexpr QLatin1StringView Health{"healthz"};
inline constexpr QLatin1StringView Metrics{"metrics"};
inline constexpr QLatin1StringView OpenApi{"api/v1/openapi.json"};
inline constexpr QLatin1StringView Token{"api/v1/auth/token"};
inline constexpr QLatin1StringView Renew{"api/v1/auth/renew"};
inline constexpr QLatin1StringView Me{"api/v1/me"};
inline constexpr QLatin1StringView Systems{"api/v1/systems"};
inline constexpr QLatin1StringView Users{"api/v1/users"};
inline constexpr QLatin1StringView Class{"api/v1/class"};
inline constexpr QLatin1StringView UsersImport{"api/v1/users/import"};
inline constexpr QLatin1StringView Templates{"api/v1/templates"};
inline constexpr QLatin1StringView Template{"api/v1/templates/{id}"};
inline constexpr QLatin1StringView TemplateCopy{"api/v1/templates/{id}/copy"};
inline constexpr QLatin1StringView Events{"api/v1/events"};
inline constexpr QLatin1StringView Files{"api/v1/files"};
inline constexpr QLatin1StringView FilesPath{"api/v1/files/{path}"};
inline constexpr QLatin1StringView Jobs{"api/v1/jobs"};
inline constexpr QLatin1StringView JobPreview{"api/v1/jobs/preview"};
inline constexpr QLatin1StringView Job{"api/v1/jobs/{id}"};
inline constexpr QLatin1StringView JobHistory{"api/v1/jobs/{id}/history"};
inline constexpr QLatin1StringView JobCancel{"api/v1/jobs/{id}/cancel"};
inline constexpr QLatin1StringView JobResubmit{"api/v1/jobs/{id}/resubmit"};
inline constexpr QLatin1StringView JobFiles{"api/v1/jobs/{id}/files"};
inline constexpr QLatin1StringView JobFile{"api/v1/jobs/{id}/files/{name}"};
inline constexpr QLatin1StringView JobOutput{"api/v1/jobs/{id}/output/{stream}"};
inline constexpr QLatin1StringView JobArchive{"api/v1/jobs/{id}/archive"};
inline constexpr QLatin1StringView Sessions{"api/v1/sessions"};
inline constexpr QLatin1StringView SessionsStop{"api/v1/sessions/stop"};
inline constexpr QLatin1StringView Session{"api/v1/sessions/{id}"};
inline constexpr QLatin1StringView SessionKey{"api/v1/sessions/{id}/key"};

} // namespace tandem::api::patterns
