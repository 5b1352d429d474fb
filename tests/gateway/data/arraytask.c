#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One task of a job array: says which it is (TANDEM_ARRAY_INDEX) and fails when it is the index given as its first
 * argument, so that an array can be tested with one failing task. On Slurm it says SLURM_ARRAY_TASK_ID too. */
int main(int argc, char **argv)
{
    const char *index = getenv("TANDEM_ARRAY_INDEX");
    printf("task %s of the array\n", index ? index : "(none)");
    if (getenv("SLURM_ARRAY_TASK_ID")) /* on Slurm, its own name for the index as well */
        printf("slurm task %s\n", getenv("SLURM_ARRAY_TASK_ID"));
    if (index && argc > 1 && strcmp(index, argv[1]) == 0) {
        fprintf(stderr, "task %s fails, as asked\n", index);
        return 3;
    }
    return 0;
}
