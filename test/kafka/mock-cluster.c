/*
 * librdkafka's mock cluster as a child process for the Kafka tests.
 * Usage: mock-cluster [-b brokers] [-p partitions] [extra-topic...]
 * Prints the bootstrap servers on one line, then runs until stdin closes (the
 * parent died or let go) or SIGTERM/SIGINT. The lines "down" and "up" on stdin
 * take every broker down (connections dropped and refused, on the same port,
 * the log kept — a broker outage) and back up; each is answered "ok down" /
 * "ok up" on stdout once done. Topics are created here: the
 * 2.0.x mock does not implement CreateTopics, so kafkajs's admin cannot.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h> /* must follow rdkafka.h */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The head of librdkafka's private struct rd_kafka_mock_cluster_s (stable since 1.4). Up to at least
 * 2.0.x the mock never sets controller_id, so Metadata names broker 0 as controller while broker ids
 * start at 1; kafkajs then fails every controller request, among them the idempotent producer's
 * InitProducerId ("Broker 0 not found in the cached metadata").
 */
struct mock_cluster_head { char id[32]; rd_kafka_t *rk; int32_t controller_id; };

static volatile sig_atomic_t stopping = 0;
static void on_signal(int sig) { (void)sig; stopping = 1; }

int main(int argc, char **argv) {
  static const char *topics[] = {"inbox.inbound.v1", "inbox.outbound.v1", "inbox.case-events.v1", "inbox.dead-letter.v1", "inbox.presence.v1", "inbox.staff-notifications.v1"};
  const int fixed = (int)(sizeof topics / sizeof topics[0]);
  int brokers = 1, partitions = 4, opt;
  while ((opt = getopt(argc, argv, "b:p:")) != -1) {
    if (opt == 'b') brokers = atoi(optarg);
    else if (opt == 'p') partitions = atoi(optarg);
    else { fprintf(stderr, "usage: %s [-b brokers] [-p partitions] [topic...]\n", argv[0]); return 2; }
  }
  char err[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "4", err, sizeof err); /* hide the no-bootstrap notice */
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) { fprintf(stderr, "rd_kafka_new: %s\n", err); return 1; }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) { fprintf(stderr, "rd_kafka_mock_cluster_new failed\n"); return 1; }
  /* Point the controller at broker 1, but only after checking that the layout really is the one above. */
  struct mock_cluster_head *head = (struct mock_cluster_head *)mc;
  if (head->rk == rk && strncmp(head->id, "mockCluster", 11) == 0) {
    if (head->controller_id == 0) head->controller_id = 1;
  } else {
    fprintf(stderr, "mock-cluster: unknown librdkafka mock layout, controller id left as is\n");
  }
  for (int i = 0; i < fixed + argc - optind; i++) {
    const char *t = i < fixed ? topics[i] : argv[optind + i - fixed];
    rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, t, partitions, 1);
    if (e) { fprintf(stderr, "topic %s: %s\n", t, rd_kafka_err2str(e)); return 1; }
  }
  /* No SA_RESTART: a signal interrupts the blocking read below. */
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);
  char buf[256], line[64];
  size_t used = 0;
  ssize_t got;
  while (!stopping && (got = read(STDIN_FILENO, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < got; i++) {
      if (buf[i] != '\n') {
        if (used < sizeof line - 1) line[used++] = buf[i];
        continue;
      }
      line[used] = '\0';
      used = 0;
      int down = strcmp(line, "down") == 0, up = strcmp(line, "up") == 0;
      if (!down && !up) continue;
      for (int id = 1; id <= brokers; id++) {
        if (down) rd_kafka_mock_broker_set_down(mc, id);
        else rd_kafka_mock_broker_set_up(mc, id);
      }
      printf("ok %s\n", line);
      fflush(stdout);
    }
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
