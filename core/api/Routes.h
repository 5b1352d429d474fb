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
