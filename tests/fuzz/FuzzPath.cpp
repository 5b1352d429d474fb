// libFuzzer target: the path validator. Whatever it accepts is relative, has no empty, "." or ".." component and no
// control character; whatever it refuses carries a message and the field.
#include "gateway/ConfinedDir.h"

#include <cstdlib>

using tandem::gateway::ConfinedDir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto checked = ConfinedDir::checkRelativePath(path, QStringLiteral("path"));
    if (!checked) {
        if (checked.error().message.isEmpty() || checked.error().field != u"path")
            std::abort();
        return 0;
    }
    if (checked->startsWith(u'/') || checked->isEmpty())
        std::abort();
    for (const QString &part : checked->split(u'/')) {
        if (part.isEmpty() || part == u"." || part == u".." || !ConfinedDir::isSafeName(part))
            std::abort();
        for (const QChar c : part) {
            if (c.category() == QChar::Other_Control)
                std::abort();
        }
    }
    return 0;
}
