//! Tests of the `generation_stream` module.

mod fuzz;

use super::*;

/// A stream whose body arrives in `pieces`, split wherever the test likes.
fn stream_of(pieces: &[&'static str]) -> GenerationStream {
    let pieces: Vec<Result<&'static str, std::io::Error>> =
        pieces.iter().map(|piece| Ok(*piece)).collect();
    let body = reqwest::Body::wrap_stream(futures::stream::iter(pieces));
    let response = tonic::codegen::http::Response::new(body);
    GenerationStream::new("http://ollama/api/generate".to_owned(), response.into())
}

async fn texts_until_the_end(stream: &mut GenerationStream) -> Result<Vec<String>, OllamaError> {
    let mut texts = Vec::new();
    while let Some(chunk) = stream.next_chunk().await? {
        texts.push(chunk.text);
    }
    Ok(texts)
}

#[tokio::test]
async fn lines_split_across_pieces_blank_lines_and_an_unterminated_last_line() {
    let mut stream = stream_of(&[
        r#"{"model":"m","response":"He"#,
        "llo\",\"done\":false}\n\n",
        "\n{\"model\":\"m\",\"response\":\" wo",
        "rld\",\"done\":false}\n{\"model\":\"m\",\"response\":\"\",\"done\":true,\"eval_count\":2}",
    ]);
    let texts = texts_until_the_end(&mut stream).await.unwrap();
    assert_eq!(texts, ["Hello", " world", ""]);
    assert!(stream.next_chunk().await.unwrap().is_none());
}

#[tokio::test]
async fn a_stream_without_its_final_line_is_truncated() {
    let mut stream = stream_of(&["{\"model\":\"m\",\"response\":\"a\",\"done\":false}\n"]);
    assert_eq!(stream.next_chunk().await.unwrap().unwrap().text, "a");
    assert!(matches!(
        stream.next_chunk().await,
        Err(OllamaError::Truncated)
    ));
}
