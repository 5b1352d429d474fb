/* Hybrid MPI + OpenMP hello: every rank reports its threads, rank 0 sums a reduction.
 * Compile: mpicc -fopenmp -O2 -o hello_mpi_omp hello_mpi_omp.c
 * Run:     mpirun -np 2 ./hello_mpi_omp
 */
#include <mpi.h>
#include <omp.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);

    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    long local = 0;
#pragma omp parallel reduction(+ : local)
    {
        local += omp_get_thread_num() + 1;
#pragma omp critical
        printf("rank %d of %d: thread %d of %d\n", rank, size, omp_get_thread_num(), omp_get_num_threads());
    }

    long total = 0;
    MPI_Reduce(&local, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0)
        printf("sum over all ranks and threads: %ld\n", total);

    MPI_Finalize();
    return 0;
}
