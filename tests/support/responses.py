"""Reading responses the way a browser receives them."""


def streamed(response) -> str:
    """The whole body of a streamed download (or of an ordinary response), as text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
