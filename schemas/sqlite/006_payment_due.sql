-- A payment keeps the due date of the instalment it pays as it was when the
-- batch was prepared, as it keeps its IBAN and BIC: the SEPA file's
-- remittance text names that date, and exporting a batch again must write
-- the file that was sent. The instalment's own date may move afterwards: a
-- returned payment's instalment is open again, and a resumption moves the
-- due dates of open instalments.
--
-- Left nullable because SQLite cannot add a NOT NULL column without a
-- default to a table with rows; every payment written since has it, and a
-- null is reported as a storage error when read.
ALTER TABLE payments ADD COLUMN due_on TEXT;

-- Payments prepared before this column: the best that is known is the
-- instalment's due date now, which is what the SEPA file took until now.
UPDATE payments SET due_on = (SELECT i.due_on FROM instalments i
                              WHERE i.agreement_id = payments.agreement_id AND i.number = payments.instalment);
