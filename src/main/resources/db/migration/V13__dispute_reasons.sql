-- disputes module: the reason is one of a fixed list (DisputeReason), stored by name; the opener's statement says the
-- rest. The CHECK mirrors the enum, as every other status column does.
ALTER TABLE disputes DROP CONSTRAINT IF EXISTS disputes_reason_check;
ALTER TABLE disputes ADD CONSTRAINT disputes_reason_check CHECK (reason IN (
    'WORK_NOT_DONE', 'WORK_INCOMPLETE', 'POOR_QUALITY', 'NOT_AS_AGREED', 'DELAYED', 'APPROVAL_WITHHELD', 'OTHER'));
