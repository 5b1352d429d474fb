// tandem-job-run: starts one job command as the leader of a new session, with resource limits, waits for it and
// records its resource usage. The gateway's local executor runs every job through it, so that cancel and time
// limits can signal the whole process group and max RSS and CPU time are measured by the kernel.
//
//   tandem-job-run --rusage FILE [--as BYTES] [--nproc N] [--fsize BYTES] -- PROGRAM ARGS...
//
// Exit status: the job's own, or 128+N when signal N ended it; 127 when PROGRAM could not be started.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Limit
{
    int resource;
    rlim_t amount;
};

// Applied in the child only, just before exec: the limits are the job's, not the runner's (which must keep room to
// wait and write the usage, also when built with sanitizers that reserve much address space).
void apply(const Limit &limit)
{
    if (limit.amount == 0)
        return;
    const rlimit lim{limit.amount, limit.amount};
    if (setrlimit(limit.resource, &lim) != 0)
        std::fprintf(stderr, "tandem-job-run: setrlimit: %s\n", std::strerror(errno));
}

} // namespace

int main(int argc, char *argv[])
{
    const char *rusageFile = nullptr;
    Limit limits[3] = {{RLIMIT_AS, 0}, {RLIMIT_NPROC, 0}, {RLIMIT_FSIZE, 0}};
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            ++i;
            break;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "tandem-job-run: %s needs a value\n", argv[i]);
            return 125;
        }
        if (arg == "--rusage")
            rusageFile = argv[++i];
        else if (arg == "--as")
            limits[0].amount = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--nproc")
            limits[1].amount = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--fsize")
            limits[2].amount = std::strtoull(argv[++i], nullptr, 10);
        else {
            std::fprintf(stderr, "tandem-job-run: unknown option %s\n", argv[i]);
            return 125;
        }
    }
    if (i >= argc) {
        std::fprintf(stderr,
                     "usage: tandem-job-run --rusage FILE [--as B] [--nproc N] [--fsize B] -- PROGRAM ARGS...\n");
        return 125;
    }

    setsid(); // the job's processes form one group, led by us: the gateway signals -pid
    // If the gateway dies (even by SIGKILL), we get SIGTERM and pass it to the whole group: no orphaned jobs.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    // Forward termination to the group once, so that the job sees it even if only we were signalled. (exec resets
    // the handler in the child.)
    signal(SIGTERM, [](int) {
        signal(SIGTERM, SIG_IGN);
        kill(0, SIGTERM);
    });
    const pid_t child = fork();
    if (child < 0) {
        std::perror("tandem-job-run: fork");
        return 125;
    }
    if (child == 0) {
        for (const Limit &limit : limits)
            apply(limit);
        execvp(argv[i], argv + i);
        std::fprintf(stderr, "tandem-job-run: cannot start %s: %s\n", argv[i], std::strerror(errno));
        _exit(127);
    }

    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) { }
    if (rusageFile) {
        if (FILE *out = std::fopen(rusageFile, "w")) {
            const long long cpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000LL
                + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
            std::fprintf(out, "{\"maxRssKb\": %ld, \"cpuMs\": %lld, \"signal\": %d, \"exitCode\": %d}\n",
                         usage.ru_maxrss, cpuMs, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            std::fclose(out);
        }
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
