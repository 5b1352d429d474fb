// libFuzzer target: the archive listing check, fed the members libarchive reads from arbitrary bytes (tar, gzip):
// every member it accepts is a plain file or folder with a relative name that stays inside the target.
#include "gateway/ArchiveUpload.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <memory>

using tandem::gateway::ArchiveUpload;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::unique_ptr<struct archive, decltype(&archive_read_free)> reader(archive_read_new(), archive_read_free);
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_gnutar(reader.get());
    if (archive_read_open_memory(reader.get(), data, size) != ARCHIVE_OK)
        return 0;
    archive_entry *member = nullptr;
    for (int i = 0; i < 64; ++i) {
        const int status = archive_read_next_header(reader.get(), &member);
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            break;
        const char *name = archive_entry_pathname(member);
        const unsigned int type = archive_entry_filetype(member);
        const auto checked
            = ArchiveUpload::checkMember(QByteArray(name ? name : ""), type, archive_entry_hardlink(member) != nullptr);
        if (checked) {
            if ((type != AE_IFREG && type != AE_IFDIR) || checked->startsWith(u'/')
                || checked->split(u'/').contains(QStringLiteral("..")))
                std::abort();
        }
    }
    return 0;
}
