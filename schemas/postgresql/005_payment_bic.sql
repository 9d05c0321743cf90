-- A payment keeps the BIC it was prepared with, as it keeps its IBAN: the
-- SEPA file pairs the two, and exporting a batch again must write the file
-- that was sent, whatever `grants beneficiary set-iban` changed since. The
-- bank account named by a payment never changes; a later batch takes the
-- beneficiary's account as it is then. Empty when the payment goes without
-- a BIC ("IBAN only").
--
-- The creditor's name is still read from the beneficiary: no command
-- changes a beneficiary's name once registered.
ALTER TABLE payments ADD COLUMN bic TEXT NOT NULL DEFAULT '';

-- Payments prepared before this column: the best that is known is what
-- the SEPA file took until now, the beneficiary's current BIC when it goes
-- with the payment's IBAN, and no BIC beside an IBAN the beneficiary has
-- since replaced (that BIC names the new account's bank, not the old one's).
UPDATE payments SET bic = COALESCE((SELECT b.bic FROM agreements g
                                    JOIN beneficiaries b ON b.id = g.beneficiary_id
                                    WHERE g.id = payments.agreement_id AND b.iban = payments.iban), '');
