-- The missed-notify polls run one at a time (their routes' stateful: true: Camel's StatefulCamelJob, which Quartz
-- does not run twice at once, on one node or across the cluster). Quartz keeps a job as it was first stored, so the
-- polls a cluster stored before were still of the concurrent class: they are moved to the non-concurrent one here.
-- Only clustered (JDBC) Quartz stores jobs in these tables; the embedded default leaves them empty.
update qrtz_job_details
   set job_class_name = 'org.apache.camel.component.quartz.StatefulCamelJob',
       is_nonconcurrent = true,
       is_update_data = true
 where job_class_name = 'org.apache.camel.component.quartz.CamelJob'
   and job_name = 'missed-notify'
   and job_group in ('newebpay', 'tappay', 'flashpay');
