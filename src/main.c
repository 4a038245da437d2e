/* main.c: placeholder until cli.c lands. */
int main(void);
int main(void) { return 0; }
