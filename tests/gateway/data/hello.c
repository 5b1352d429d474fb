#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello");
    for (int i = 1; i < argc; ++i)
        printf(" [%s]", argv[i]);
    printf("\n");
    return argc > 1 && argv[1][0] == 'x' ? 3 : 0;
}
