select id, redriven_at from dead_letter where id = :id
