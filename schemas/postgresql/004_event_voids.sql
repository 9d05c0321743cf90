-- Corrections of obligation events. An event recorded by mistake (a wrong
-- date, the wrong convention) is neither changed nor deleted: a row here
-- voids it, saying who voided it, when and why, and every computation from
-- then on (the state at any date, the compliance check, a clawback) leaves
-- it out. A void is final: voids are append-only too, and an event is
-- voided at most once.
CREATE TABLE obligation_event_voids (
  event_id BIGINT PRIMARY KEY REFERENCES obligation_events(id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  voided_by TEXT NOT NULL CHECK (voided_by <> ''),
  recorded_on TEXT NOT NULL
);
CREATE TRIGGER obligation_event_voids_no_update BEFORE UPDATE ON obligation_event_voids FOR EACH ROW
  EXECUTE FUNCTION append_only_refusal('voids of obligation events are append-only: a void is final', '');
CREATE TRIGGER obligation_event_voids_no_delete BEFORE DELETE ON obligation_event_voids FOR EACH ROW
  EXECUTE FUNCTION append_only_refusal('', 'voids of obligation events are append-only: a void is final');
CREATE TRIGGER obligation_event_voids_no_truncate BEFORE TRUNCATE ON obligation_event_voids FOR EACH STATEMENT
  EXECUTE FUNCTION append_only_refusal('', 'voids of obligation events are append-only: a void is final');
