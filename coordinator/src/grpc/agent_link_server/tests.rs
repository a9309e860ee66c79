//! The agent link server: small starting buffers both ways, and the generated service's path.

use tonic::codec::{Decoder, Encoder};

use super::*;

#[test]
fn both_directions_start_with_small_buffers() {
    let mut codec = LinkCodec;
    let small = format!("{:?}", link_buffers());
    assert!(small.contains("buffer_size: 1024"), "{small}");
    assert_eq!(format!("{:?}", codec.encoder().buffer_settings()), small);
    assert_eq!(format!("{:?}", codec.decoder().buffer_settings()), small);
}

#[test]
fn the_path_is_the_generated_services_attach() {
    assert_eq!(ATTACH_PATH, format!("/{SERVICE_NAME}/Attach"));
}
