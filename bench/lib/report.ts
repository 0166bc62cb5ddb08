/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The read and socket figures of this run beside those of the previous results
 * of the same name (the figures issue 19 names): a Markdown table, also printed
 * by the bench. Rows this run did not measure are left out.
 */
export function comparisonWithPrevious(r: Record<string, any>, previous: Record<string, any> | undefined): string[] {
  if (!previous) return [];
  const rows: string[] = [];
  const row = (what: string, before: unknown, now: unknown) => rows.push(`| ${what} | ${before ?? 'n/a'} | ${now ?? 'n/a'} |`);
  const ranNow = (section: string) => r.sectionsRanAt?.[section] === r.startedAt;
  if (r.sockets && ranNow('sockets')) {
    const [a, b] = [previous.sockets, r.sockets];
    row('sockets on one gateway', a?.agents, b.agents);
    row('gateway RSS with them connected (MB)', a?.gatewayRssAfterMb, b.gatewayRssAfterMb);
    row('broadcast to all, p99 (ms)', a?.broadcastLatencyMs?.p99, b.broadcastLatencyMs.p99);
  }
  if (r.growth && ranNow('growth')) {
    for (const g of r.growth) {
      const p = (previous.growth ?? []).find((x: any) => x.cases === g.cases);
      const n = g.cases.toLocaleString('en');
      row(`${n} cases: queue p95 (ms)`, p?.queueMs?.p95, g.queueMs.p95);
      row(`${n} cases: case with 200 messages p95 (ms)`, p?.caseWith200MessagesMs?.p95, g.caseWith200MessagesMs.p95);
      row(`${n} cases: search, a rare word p95 (ms)`, p?.searchMs?.p95, g.searchMs.p95);
      row(`${n} cases: search, a word in half the messages p95 (ms, EN / RU)`, p?.searchHalfMs ? `${p.searchHalfMs.p95} / ${p.searchHalfRuMs?.p95}` : undefined, g.searchHalfMs ? `${g.searchHalfMs.p95} / ${g.searchHalfRuMs?.p95}` : undefined);
      row(`${n} cases: supervisor overview p95 (ms)`, p?.overviewMs?.p95, g.overviewMs?.p95);
    }
  }
  if (!rows.length) return [];
  return [`## Beside the previous results (started ${previous.startedAt})`, '', '| figure | previous | this run |', '|---|---|---|', ...rows, ''];
}

/** The results as Markdown tables, for bench/results/*.md and the README. */
export function renderMarkdown(r: Record<string, any>, previous?: Record<string, any>): string {
  const out: string[] = [];
  const m = r.machineAtStart;
  out.push(`# Benchmark results (${r.settings.quick ? 'quick' : 'full'} run)`, '');
  out.push(`- Command: \`npm run bench${r.settings.quick ? ' -- --quick' : ''}\`, started ${r.startedAt}, took ${r.seconds} s`);
  out.push(`- Machine: ${m.cores} × ${m.cpu}, Node ${m.node}; load average at start ${m.loadAverage.join(' / ')}, at end ${r.machineAtEnd.loadAverage.join(' / ')}`);
  const earlier = Object.entries(r.sectionsRanAt ?? {}).filter(([, at]) => at !== r.startedAt);
  if (earlier.length) out.push(`- Kept from earlier runs (\`--keep\`): ${earlier.map(([section, at]) => `${section} (started ${at})`).join(', ')}`);
  if (m.loadAverage[0] > m.cores) {
    out.push(`- **Caveat:** the machine was shared (load average above its ${m.cores} cores): every figure below is depressed and is not a capacity figure.`);
  }
  out.push('');
  out.push(...comparisonWithPrevious(r, previous));
  if (r.baseline) {
    const b = r.baseline;
    out.push('## Raw PostgreSQL baseline (the intake\'s rows written directly)', '');
    out.push('| statements | connections | messages per transaction | messages | messages/s |', '|---|---|---|---|---|');
    // Results written before the set-based baseline named their second row `batched` (per-message statements, 100 per transaction).
    for (const x of [b.perMessage, b.setBased ?? b.batched]) out.push(`| ${x.style ?? 'per-message'} | ${x.connections} | ${x.messagesPerTransaction} | ${x.messages} | ${x.messagesPerSecond} |`);
    out.push('');
  }
  for (const p of r.pipeline ?? []) {
    out.push(`## Pipeline, ${p.mode} mode (${p.processes.join(', ')}; ${p.agents} agents)`, '');
    out.push(
      `Sustained: **${p.sustainedMessagesPerSecond} messages/s** end to end (acknowledged ${p.max.acknowledgedPerSecond}/s, delivered to agents ${p.max.deliveredPerSecond}/s, ` +
        `${p.max.failed} refused, ${p.max.undelivered} not delivered within the drain)` +
        (typeof p.ratioToRawPostgres === 'number'
          ? `; ${p.ratioToRawPostgres} × the raw PostgreSQL rate.`
          : p.ratioToRawPostgres?.perMessage !== undefined
          ? `; ${p.ratioToRawPostgres.perMessage} × the raw rate one transaction per message, ${p.ratioToRawPostgres.setBased} × the set-based rate 100 per transaction.`
          : '.'),
      '',
    );
    out.push('| load | rate (msg/s) | messages | latency p50 (ms) | p95 | p99 |', '|---|---|---|---|---|---|');
    out.push(`| max | ${p.max.acknowledgedPerSecond} | ${p.max.acknowledged} | ${p.max.latencyMs.p50} | ${p.max.latencyMs.p95} | ${p.max.latencyMs.p99} |`);
    for (const f of p.atFractionOfMax) {
      out.push(`| ${f.fraction * 100}% | ${f.targetRate} | ${f.acknowledged} | ${f.latencyMs.p50} | ${f.latencyMs.p95} | ${f.latencyMs.p99} |`);
    }
    out.push('', 'Latency: webhook request sent → first agent receives the message\'s case event. Each fixed-rate phase starts once the inbox is idle again (outbox empty, no case event for 2 s).', '');
    if (p.backlogSecondsAfterMax !== undefined) out.push(`After the saturated phase the inbox kept working for ${p.backlogSecondsAfterMax} s (acknowledgements, delivery statuses).`, '');
    out.push('| process (at max rate) | CPU (% of one core) | peak RSS (MB) |', '|---|---|---|');
    for (const u of p.usageAtMax) out.push(`| ${u.name} | ${u.cpuPercent} | ${u.peakRssMb} |`);
    out.push('');
    if (p.statementsAtMax) {
      const st = p.statementsAtMax;
      out.push(
        `PostgreSQL at max rate (pg_stat_statements): **${st.perMessage} statements per message**, ${st.serverMsPerMessage} ms of server execution time per message. The statements that took most of it:`,
        '',
        '| statement | calls per message | mean ms | ms per message |',
        '|---|---|---|---|',
      );
      for (const t of st.top) out.push(`| \`${t.statement.replace(/\|/g, '\\|')}\` | ${t.callsPerMessage} | ${t.meanMs} | ${t.msPerMessage} |`);
      out.push('', 'The statements run most often:', '', '| statement | calls per message |', '|---|---|');
      for (const t of st.mostCalled ?? []) out.push(`| \`${t.statement.replace(/\|/g, '\\|')}\` | ${t.callsPerMessage} |`);
      out.push('');
    }
  }
  if (r.sockets) {
    const s = r.sockets;
    out.push(`## Socket scale: ${s.agents} agents on one gateway`, '');
    out.push(`- Gateway RSS ${s.gatewayRssBeforeMb} MB → ${s.gatewayRssAfterMb} MB: **${s.memoryPerConnectionKb} KB per connection** (connected in ${s.connectSeconds} s)`);
    out.push(
      `- ${s.broadcasts} case events, each to all ${s.agents}: webhook → every agent p50 ${s.broadcastLatencyMs.p50} ms, p95 ${s.broadcastLatencyMs.p95} ms, **p99 ${s.broadcastLatencyMs.p99} ms**; ` +
        `first → last agent p99 ${s.spreadMs.p99} ms; ${s.missedDeliveries} deliveries missed`,
    );
    out.push('');
  }
  if (r.growth) {
    out.push('## Growth (reads through the HTTP API, p95 ms)', '');
    out.push(
      '| cases | messages | seeded in (s) | queue (open, 50) | case with 200 messages | register search | search, opening cut mid-word | search, first 40 characters (common words) | search, a word in half the messages (EN / RU) | supervisor volumes | supervisor overview |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const g of r.growth) {
      out.push(
        `| ${g.cases} | ${g.messages} | ${g.seedSeconds} | ${g.queueMs.p95} | ${g.caseWith200MessagesMs.p95} | ${g.searchMs.p95} (${g.searchHits} hits) | ${g.searchPrefixMs ? `${g.searchPrefixMs.p95} (${g.searchPrefixHits} hits)` : 'n/a'} | ${g.searchCommonOpeningMs ? `${g.searchCommonOpeningMs.p95} (${g.searchCommonOpeningHits} hits)` : 'n/a'} | ${g.searchHalfMs ? `${g.searchHalfMs.p95} / ${g.searchHalfRuMs?.p95} (${g.searchHalfHits} hits)` : 'n/a'} | ${g.volumesMs?.p95 ?? 'n/a'} | ${g.overviewMs?.p95 ?? 'n/a'} |`,
      );
    }
    const names = Object.keys(r.growth[0]?.reportsMs ?? {});
    if (names.length) {
      out.push('', 'Reports (default period: the last 30 days), p95 ms:', '');
      out.push(`| cases | ${names.join(' | ')} |`, `|---|${names.map(() => '---|').join('')}`);
      for (const g of r.growth) out.push(`| ${g.cases} | ${names.map((n) => g.reportsMs[n]?.p95 ?? 'n/a').join(' | ')} |`);
    }
    out.push('');
  }
  if (r.timings) {
    const t = r.timings;
    const row = (what: string, x: { count: number; p50: number; p95: number; max: number }) => `| ${what} | ${x.count} | ${x.p50} | ${x.p95} | ${x.max} |`;
    out.push('## Timings the tests only bound', '');
    out.push('The tests check these behaviours with generous waits ("does not hang"); the figures are measured here.', '');
    out.push('| what | samples | p50 (ms) | p95 (ms) | max (ms) |', '|---|---|---|---|---|');
    out.push(row('signed SMS webhook answered → its row in the queue of two agents\' browsers (Chromium)', t.webhookToBrowserQueueMs));
    out.push(row('mail APPENDed to the IMAP mailbox (Dovecot, IDLE) → `case.created` on an agent socket', t.imapAppendToAgentMs));
    out.push(row('Kafka cluster gone → `KafkaBus.publish` rejects (production settings)', t.kafkaPublishRejectMs));
    out.push(row('Kafka cluster gone → `KafkaBus.stop()`', t.kafkaStopAfterOutageMs));
    out.push(row('`KafkaBus.stop()` with a handler that never finishes (the shutdown grace period)', t.kafkaStopWithHungHandlerMs));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
