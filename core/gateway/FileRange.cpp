#include "gateway/FileRange.h"

#include <cerrno>
#include <limits>
#include <unistd.h>

namespace tandem::gateway {

namespace {

// A decimal number of at most 18 digits (so it fits and cannot overflow), nothing else; -1 otherwise.
qint64 number(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

RangeRequest RangeRequest::parse(const QByteArray &header, qint64 size)
{
    RangeRequest request;
    const QByteArrayView value = QByteArrayView(header).trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return request;
    const QByteArrayView spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return request;
    const QByteArrayView firstText = spec.left(dash).trimmed();
    const QByteArrayView lastText = spec.mid(dash + 1).trimmed();
    qint64 first = -1, last = -1;
    if (firstText.isEmpty()) { // suffix: the last N bytes
        const qint64 suffix = number(lastText);
        if (suffix < 0)
            return request;
        if (suffix == 0 || size == 0)
            return {Kind::Unsatisfiable, {}};
        first = qMax<qint64>(0, size - suffix);
        last = size - 1;
    } else {
        first = number(firstText);
        last = lastText.isEmpty() ? size - 1 : number(lastText);
        if (first < 0 || last < 0 || (!lastText.isEmpty() && last < first))
            return request; // malformed: ignored
        if (first >= size)
            return {Kind::Unsatisfiable, {}};
        last = qMin(last, size - 1);
    }
    return {Kind::Partial, {first, last}};
}

FileRangeDevice::FileRangeDevice(FileDescriptor fd, ByteRange range, QObject *parent)
    : QIODevice(parent)
    , m_fd(std::move(fd))
    , m_range(range)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > size())
        return false;
    return QIODevice::seek(pos);
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = size() - pos();
    if (left <= 0)
        return 0; // the end, not an error (QHttpServer warned "Error reading chunk" on every download)
    const qint64 wanted = qMin(maxSize, left);
    for (;;) {
        const ssize_t got = ::pread(m_fd.get(), data, size_t(wanted), off_t(m_range.first + pos()));
        if (got < 0 && errno == EINTR)
            continue;
        // A file truncated meanwhile ends the reply early rather than sending made-up bytes.
        if (got <= 0) {
            Q_EMIT cutShort();
            return -1;
        }
        return got;
    }
}

} // namespace tandem::gateway
