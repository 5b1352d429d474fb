#pragma once

#include <QStringList>

#include <initializer_list>

#include <cstring>

namespace tandem::gateway {

// Whether a request path's segments are `parts` exactly; "*" stands for any one segment.
inline bool pathIs(const QStringList &path, std::initializer_list<const char *> parts)
{
    if (path.size() != qsizetype(parts.size()))
        return false;
    qsizetype i = 0;
    for (const char *part : parts) {
        if (std::strcmp(part, "*") != 0 && path[i] != QLatin1StringView(part))
            return false;
        ++i;
    }
    return true;
}

} // namespace tandem::gateway
