#include <stdio.h>
#include <unistd.h>

/* Runs for two seconds and exits with code 3: a job that can end while no gateway is watching. */
int main(void)
{
    printf("started\n");
    fflush(stdout);
    sleep(2);
    return 3;
}
