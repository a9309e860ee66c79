//! The recap reader against the lines ansible-core 2.19 prints.

use super::*;

#[test]
fn reads_every_hosts_counts_from_the_last_recap() {
    let output = "PLAY RECAP ***\nold : ok=1 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\n\
                  PLAY RECAP *********\n\
                  contabo                    : ok=34   changed=12   unreachable=0    failed=0    skipped=16   rescued=0    ignored=0   \n\
                  davas                      : ok=19   changed=0    unreachable=0    failed=1    skipped=19   rescued=0    ignored=0   \n\n";
    let recap = play_recap(output).unwrap();
    assert_eq!(recap.len(), 2);
    assert_eq!(
        recap["contabo"],
        HostRecap {
            ok: 34,
            changed: 12,
            unreachable: 0,
            failed: 0,
            skipped: 16
        }
    );
    assert_eq!(recap["davas"].failed, 1);
    assert!(play_recap("no recap here").is_err());
}
