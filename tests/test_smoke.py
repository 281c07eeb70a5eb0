def test_home_page_renders_in_dutch(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
