#include <stdio.h>
#include <unistd.h>

/* Prints "ready", then sleeps: for cancel, time-limit and restart tests. A child process shows that the whole
 * process group is signalled, not just the job's first process. */
int main(void)
{
    if (fork() == 0) {
        sleep(600);
        return 0;
    }
    printf("ready\n");
    fflush(stdout);
    sleep(600);
    return 0;
}
