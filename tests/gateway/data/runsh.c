#include <stdio.h>
#include <unistd.h>

/* Runs the shell script named by its argument: a program for srun to start as each task. */
int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    execl("/bin/bash", "bash", argv[1], (char *)0);
    perror("execl");
    return 127;
}
