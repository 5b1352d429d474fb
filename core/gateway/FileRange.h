#pragma once

#include "gateway/ConfinedDir.h"

#include <QByteArray>
#include <QIODevice>

#include <optional>

namespace tandem::gateway {

// One byte range of a file, both ends inclusive.
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 length() const { return last - first + 1; }
    bool operator==(const ByteRange &) const = default;
};

// What a Range header asks of a file of `size` bytes: nothing (serve it whole), one satisfiable range, or a range
// outside the file (416). Understood: one range "bytes=A-B", "bytes=A-", "bytes=-N", as resumable downloads send;
// several ranges, other units and malformed values are answered with the whole file, as RFC 9110 allows.
struct RangeRequest
{
    enum class Kind { Whole, Partial, Unsatisfiable };
    Kind kind = Kind::Whole;
    ByteRange range;

    static RangeRequest parse(const QByteArray &header, qint64 size);
};

// A part of an open file as a sequential read-only device: the HTTP server streams it with back-pressure, reading
// a chunk each time the socket has taken the previous one, so no reply ever holds the file in memory.
class FileRangeDevice : public QIODevice
{
    Q_OBJECT

public:
    FileRangeDevice(FileDescriptor fd, ByteRange range, QObject *parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_range.length(); }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= size(); }

Q_SIGNALS:
    // The file ended before the announced length (truncated while being sent): the reply cannot be completed, and
    // its connection must end, or the client would wait for the rest and read what follows as part of this body.
    void cutShort();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    FileDescriptor m_fd;
    ByteRange m_range;
};

} // namespace tandem::gateway
