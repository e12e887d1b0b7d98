update dead_letter set redriven_at = :now where id = :id and redriven_at is null
