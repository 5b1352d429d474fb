#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The primes up to N (the first argument), counted by a sieve of Eratosthenes split over the ranks: each rank
   sieves its own block with the primes up to sqrt(N), and rank 0 adds the counts. sqrt() is libm's, so the
   program links only when -lm comes after the sources. */
int main(int argc, char **argv)
{
    int rank = 0, size = 1;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const long n = argc > 1 ? atol(argv[1]) : 100;
    const long root = (long) sqrt((double) n);

    char *small = calloc((size_t) root + 1, 1); /* small[i] != 0: i is not prime */
    for (long i = 2; i * i <= root; ++i)
        if (!small[i])
            for (long j = i * i; j <= root; j += i)
                small[j] = 1;

    /* This rank's block of 2..n. */
    const long span = n - 1;
    const long low = 2 + span * rank / size;
    const long high = 1 + span * (rank + 1) / size;
    long count = 0;
    if (high >= low) {
        char *block = calloc((size_t) (high - low + 1), 1);
        for (long p = 2; p <= root; ++p) {
            if (small[p])
                continue;
            long first = (low + p - 1) / p * p;
            if (first < p * p)
                first = p * p;
            for (long j = first; j <= high; j += p)
                block[j - low] = 1;
        }
        for (long i = 0; i <= high - low; ++i)
            count += !block[i];
        free(block);
    }
    free(small);

    long total = 0;
    MPI_Reduce(&count, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0)
        printf("There are %ld primes less than or equal to %ld\n", total, n);
    MPI_Finalize();
    return 0;
}
