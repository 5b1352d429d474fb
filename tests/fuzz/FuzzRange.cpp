// libFuzzer target: the Range header parser. A partial answer always lies inside the file and is not empty.
#include "gateway/FileRange.h"

#include <cstdlib>
#include <cstring>

using tandem::gateway::RangeRequest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    qint64 fileSize = 0;
    std::memcpy(&fileSize, data, sizeof fileSize);
    fileSize = fileSize < 0 ? -(fileSize + 1) : fileSize;
    fileSize %= qint64(1) << 50;
    const QByteArray header(reinterpret_cast<const char *>(data) + 8, qsizetype(size - 8));
    const RangeRequest request = RangeRequest::parse(header, fileSize);
    if (request.kind == RangeRequest::Kind::Partial) {
        if (request.range.first < 0 || request.range.last < request.range.first || request.range.last >= fileSize
            || request.range.length() <= 0)
            std::abort();
    }
    return 0;
}
