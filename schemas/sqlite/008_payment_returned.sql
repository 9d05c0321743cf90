-- The payments the bank sent back, by convention: `beneficiary set-iban`
-- looks among a beneficiary's returned payments for the reason an IBAN was
-- refused. Without an index it read every payment (on SQLite, 0.09 s warm
-- and 1.4 s cold at 990 000 payments, growing with every batch). Partial:
-- a batch writes its payments pending, so the index costs the batch
-- nothing; a payment enters it only when it is returned.
CREATE INDEX payments_returned ON payments(agreement_id) WHERE state = 'returned';
