#include <mpi.h>
#include <stdio.h>

/* Each rank says who it is: two tasks that each believe they are rank 0 of 1 (srun without PMIx) show as such. */
int main(int argc, char **argv)
{
    int rank = 0, size = 0;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    printf("rank %d of %d\n", rank, size);
    MPI_Finalize();
    return 0;
}
