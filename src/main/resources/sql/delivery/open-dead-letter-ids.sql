select id from dead_letter where redriven_at is null order by id
