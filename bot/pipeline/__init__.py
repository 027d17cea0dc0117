"""pipeline: the only package that knows the order of the stages. Each function reads as a
list of stage calls.

refresh:       ingest.poll_feeds -> store.save_new -> read_teaser_pages (new teasers of
                   full-text feeds and earlier ones due again: store.queue_pages/claim_pages
                   -> ingest.complete_teasers -> store.set_texts/record_pages)
                   -> analyze.assess_all (new, and late full texts) -> store.save_assessments
                   -> send_alerts (instant subscribers)
send_digest:   store.korea_items -> compose.build_digest -> [analyze.llm] -> compose.to_*
                   -> store.enqueue_delivery -> flush_outbox
send_subscriber_digests: store.subscriptions -> store.recent_items -> analyze.compile_interests
                   -> compose.build_digest -> store.enqueue_delivery -> flush_outbox
flush_outbox:  store.claim_deliveries -> deliver.post -> store.mark_delivered | mark_failed
run_cycle:     refresh -> send_digest (each configured destination due) -> send_subscriber_digests
                   -> flush_outbox (what `run --once` does)

Takes Services (wired once by bot.app) and `now`; never reads settings or the clock.
"""

from bot.pipeline.cycle import FullCycle, is_digest_due, run_cycle
from bot.pipeline.digests import render, send_digest
from bot.pipeline.feeds import StoredFeeds, current_sources, next_poll
from bot.pipeline.following import send_alerts, send_subscriber_digests
from bot.pipeline.outbox import flush_outbox
from bot.pipeline.polling import refresh
from bot.pipeline.services import ChatPosters, CycleReport, Destination, DigestPolicy, Services
from bot.pipeline.subscribers import find_destination, paused, subscriber_destination

__all__ = [
    "ChatPosters",
    "CycleReport",
    "Destination",
    "DigestPolicy",
    "FullCycle",
    "Services",
    "StoredFeeds",
    "current_sources",
    "find_destination",
    "flush_outbox",
    "is_digest_due",
    "next_poll",
    "paused",
    "refresh",
    "render",
    "run_cycle",
    "send_alerts",
    "send_digest",
    "send_subscriber_digests",
    "subscriber_destination",
]
